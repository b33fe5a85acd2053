// Shared by the E2E pages: records what the XMPP client saw, for the test driver (window.__e2e) and on screen.
window.__e2e = { status: 'pending', jid: null, mechanismsOffered: null, mechanismChosen: null, saslFailure: null,
                 frames: [], events: [] };

window.e2eEvent = function (text) {
    window.__e2e.events.push(new Date().toISOString().substring(11, 23) + ' ' + text);
    const banner = document.getElementById('e2e-banner');
    if (banner) {
        banner.textContent = 'E2E: ' + window.__e2e.status + (window.__e2e.jid ? ' as ' + window.__e2e.jid : '')
            + (window.__e2e.mechanismChosen ? ' via SASL ' + window.__e2e.mechanismChosen : '')
            + (window.__e2e.saslFailure ? ' — SASL failure: ' + window.__e2e.saslFailure : '')
            + ' | ' + text;
    }
};

// Wraps a Strophe connection's xmlInput/xmlOutput: keeps SASL elements (never credentials: only names/conditions).
window.e2eWatchConnection = function (connection) {
    const original = { input: connection.xmlInput, output: connection.xmlOutput };
    const inspect = (direction, body) => {
        const mechanisms = body.getElementsByTagNameNS('urn:ietf:params:xml:ns:xmpp-sasl', 'mechanism');
        if (mechanisms.length > 0) {
            window.__e2e.mechanismsOffered = Array.from(mechanisms).map(m => m.textContent);
            window.e2eEvent('offered SASL ' + window.__e2e.mechanismsOffered.join(' '));
        }
        // Strophe builds outgoing stanzas with an xmlns attribute, not a DOM namespace: match by local name. Over BOSH
        // the element is a <body/> wrapper, over WebSocket it is the stanza itself (so it counts too).
        const sasl = [body, ...body.getElementsByTagName('*')].filter(el =>
            (el.namespaceURI || el.getAttribute('xmlns')) === 'urn:ietf:params:xml:ns:xmpp-sasl');
        for (const name of ['auth', 'success', 'failure']) {
            for (const el of sasl.filter(e => e.localName === name)) {
                if (name === 'auth') {
                    window.__e2e.mechanismChosen = el.getAttribute('mechanism');
                    window.e2eEvent(direction + ' <auth mechanism=' + el.getAttribute('mechanism') + '>');
                } else if (name === 'failure') {
                    window.__e2e.saslFailure = el.firstElementChild ? el.firstElementChild.localName : '(none)';
                    window.e2eEvent(direction + ' <failure> ' + window.__e2e.saslFailure);
                } else {
                    window.e2eEvent(direction + ' <success/>');
                }
            }
        }
        if (body.getAttribute && body.getAttribute('type') === 'terminate') {
            window.e2eEvent(direction + ' BOSH terminate condition=' + body.getAttribute('condition'));
        }
        window.__e2e.frames.push(direction + ' ' + new XMLSerializer().serializeToString(body).substring(0, 600));
    };
    connection.xmlInput = function (body) {
        inspect('in', body);
        if (original.input) original.input.call(connection, body);
    };
    connection.xmlOutput = function (body) {
        inspect('out', body);
        if (original.output) original.output.call(connection, body);
    };
};
