/**
 * Secret rules in gitleaks' TOML format ({@code conf/redaction/*.toml}): {@link RuleFile} reads a
 * file into {@link SecretRule}s and {@link Allowlist}s, {@link SecretRules} holds the loaded set, and
 * {@link RuleSecretDetector} scans a text: one {@link KeywordPrefilter} pass (Aho–Corasick over every
 * rule's keywords, case-insensitive), then only the candidate rules' regexes near their keywords,
 * the secret group, the entropy threshold, the allowlists and the placeholder check.
 */
package eu.postdesk.detect.rules;
