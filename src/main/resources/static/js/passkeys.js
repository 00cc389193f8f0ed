// Passkeys (WebAuthn) for the console: a button with data-passkey="register" or "sign-in" fetches
// the options from data-options, asks the browser (navigator.credentials), sends the answer to
// data-finish and goes to the page the server names. The CSRF token travels as a header, read from
// the page's <meta name="_csrf">; no inline script anywhere (the policy forbids it).
(function () {
    "use strict";

    function meta(name) {
        var element = document.querySelector('meta[name="' + name + '"]');
        return element ? element.getAttribute("content") : "";
    }

    // base64url <-> bytes, by hand: the options carry challenge, user id and credential ids so
    function decode(text) {
        var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
        var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
        return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
    }

    function encode(buffer) {
        var binary = String.fromCharCode.apply(null, new Uint8Array(buffer));
        return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function post(url, body) {
        var headers = {"Content-Type": "application/json", "Accept": "application/json"};
        headers[meta("_csrf_header") || "X-CSRF-TOKEN"] = meta("_csrf");
        return fetch(url, {method: "POST", credentials: "same-origin", headers: headers, body: body === undefined ? "" : JSON.stringify(body)});
    }

    function descriptors(list) {
        return (list || []).map(function (d) { return Object.assign({}, d, {id: decode(d.id)}); });
    }

    async function register(options, button) {
        var labelInput = document.getElementById(button.dataset.labelInput);
        var publicKey = Object.assign({}, options, {
            challenge: decode(options.challenge),
            user: Object.assign({}, options.user, {id: decode(options.user.id)}),
            excludeCredentials: descriptors(options.excludeCredentials)
        });
        var created = await navigator.credentials.create({publicKey: publicKey});
        return {
            credential: {
                id: created.id,
                rawId: encode(created.rawId),
                type: created.type,
                response: {
                    attestationObject: encode(created.response.attestationObject),
                    clientDataJSON: encode(created.response.clientDataJSON),
                    transports: created.response.getTransports ? created.response.getTransports() : []
                },
                clientExtensionResults: created.getClientExtensionResults(),
                authenticatorAttachment: created.authenticatorAttachment
            },
            label: labelInput ? labelInput.value : ""
        };
    }

    async function signIn(options) {
        var publicKey = Object.assign({}, options, {
            challenge: decode(options.challenge),
            allowCredentials: descriptors(options.allowCredentials)
        });
        var got = await navigator.credentials.get({publicKey: publicKey});
        return {
            id: got.id,
            rawId: encode(got.rawId),
            type: got.type,
            response: {
                authenticatorData: encode(got.response.authenticatorData),
                clientDataJSON: encode(got.response.clientDataJSON),
                signature: encode(got.response.signature),
                userHandle: got.response.userHandle ? encode(got.response.userHandle) : null
            },
            clientExtensionResults: got.getClientExtensionResults(),
            authenticatorAttachment: got.authenticatorAttachment
        };
    }

    // the server answers {"redirect": "/page"}: a page of ours that says what happened
    async function follow(response) {
        var answer = await response.json().catch(function () { return null; });
        if (answer && typeof answer.redirect === "string" && answer.redirect.charAt(0) === "/" && answer.redirect.charAt(1) !== "/") {
            window.location.assign(answer.redirect);
            return true;
        }
        return false;
    }

    async function run(button) {
        var problem = document.getElementById("passkey-problem");
        if (problem) {
            problem.hidden = true;
        }
        button.disabled = true;
        try {
            var optionsResponse = await post(button.dataset.options);
            if (!optionsResponse.ok) {
                if (await follow(optionsResponse)) {
                    return;
                }
                throw new Error("no options");
            }
            var options = await optionsResponse.json();
            var answer = button.dataset.passkey === "register" ? await register(options, button) : await signIn(options);
            if (!(await follow(await post(button.dataset.finish, answer)))) {
                throw new Error("no answer");
            }
        } catch (e) {
            if (problem) {
                problem.hidden = false;
            }
            button.disabled = false;
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-passkey]").forEach(function (button) {
            if (!window.PublicKeyCredential) {
                button.disabled = true;
                return;
            }
            button.addEventListener("click", function () { run(button); });
        });
    });
})();
