// Runs secretlint's core with the recommended preset over text files, the way our Java benchmark
// runs the scanner: in-process, after warm-up, reporting MB/s (mean and fastest scan) and the ranges it found.
// Usage: node run.mjs <rounds> <file>...   (prints one JSON object per file)
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import fs from "node:fs";

const rounds = Number(process.argv[2]);
const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

for (const filePath of process.argv.slice(3)) {
    const content = fs.readFileSync(filePath, "utf8");
    const source = { filePath, content, contentType: "text" };
    const lint = () => lintSource({ source, options: { config, maskSecrets: true, noPhysicFilePath: true } });
    let result = await lint();
    for (let i = 0; i < 2; i++) {
        result = await lint();
    }
    const started = process.hrtime.bigint();
    let fastest = Infinity;
    for (let i = 0; i < rounds; i++) {
        const one = process.hrtime.bigint();
        await lint();
        fastest = Math.min(fastest, Number(process.hrtime.bigint() - one) / 1e6);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9 / rounds;
    const megabytes = Buffer.byteLength(content, "utf8") / 1e6;
    console.log(JSON.stringify({
        file: filePath.split("/").pop(),
        megabytes,
        msPerScan: seconds * 1000,
        fastestMs: fastest,
        mbPerSecond: megabytes / seconds,
        findings: result.messages.length,
        ranges: result.messages.map((m) => [m.ruleId.replace("@secretlint/secretlint-rule-", ""), m.range[0], m.range[1]]),
    }));
}
