-- BOSH Client Certificate Authentication: the certificate block list (one row per blocked certificate, shared by
-- every cluster node). Openfire runs this script when it installs the plugin (plugin.xml databaseKey/databaseVersion).
-- blockKey: 'sha256:<hex>' or 'issuer-serial:<hex of SHA-256(canonical issuer DN, serial)>'; blockedAt: epoch ms.

CREATE TABLE ofBoshCertBlock (
  blockKey   VARCHAR2(80)    NOT NULL,
  sha256     VARCHAR2(64),
  issuerDn   VARCHAR2(1024),
  serialHex  VARCHAR2(128),
  reason     VARCHAR2(1024),
  blockedBy  VARCHAR2(255),
  blockedAt  NUMBER(19)         NOT NULL,
  CONSTRAINT ofBoshCertBlock_pk PRIMARY KEY (blockKey)
);

-- XEP-0257 (issue 20): certificates users registered for themselves (urn:xmpp:saslcert:1), one row per certificate:
-- a certificate (by the SHA-256 of its DER) belongs to one user, a name is unique per user. certificate: base64 DER,
-- notAfter/addedAt: epoch ms; enabled/noCertManagement: 1 or 0.
CREATE TABLE ofBoshCertRegistered (
  sha256            VARCHAR2(64)     NOT NULL,
  username          VARCHAR2(64)     NOT NULL,
  name              VARCHAR2(255)    NOT NULL,
  certificate       CLOB      NOT NULL,
  notAfter          NUMBER(19)          NOT NULL,
  enabled           INTEGER         NOT NULL,
  noCertManagement  INTEGER         NOT NULL,
  addedAt           NUMBER(19)          NOT NULL,
  CONSTRAINT ofBoshCertRegistered_pk PRIMARY KEY (sha256),
  CONSTRAINT ofBoshCertRegistered_name UNIQUE (username, name)
);

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 3);
