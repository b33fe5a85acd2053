-- Upgrade of the boshcertauth schema to version 3 (Openfire's SchemaManager runs it after version 2's).
-- XEP-0257 (issue 20): certificates users registered for themselves (urn:xmpp:saslcert:1), one row per certificate:
-- a certificate (by the SHA-256 of its DER) belongs to one user, a name is unique per user. certificate: base64 DER,
-- notAfter/addedAt: epoch ms; enabled/noCertManagement: 1 or 0.
CREATE TABLE ofBoshCertRegistered (
  sha256            VARCHAR(64)     NOT NULL,
  username          VARCHAR(64)     NOT NULL,
  name              VARCHAR(255)    NOT NULL,
  certificate       BLOB SUB_TYPE TEXT      NOT NULL,
  notAfter          BIGINT          NOT NULL,
  enabled           INTEGER         NOT NULL,
  noCertManagement  INTEGER         NOT NULL,
  addedAt           BIGINT          NOT NULL,
  CONSTRAINT ofBoshCertRegistered_pk PRIMARY KEY (sha256),
  CONSTRAINT ofBoshCertRegistered_name UNIQUE (username, name)
);

UPDATE ofVersion SET version = 3 WHERE name = 'boshcertauth';
