-- BOSH Client Certificate Authentication: the certificate block list (one row per blocked certificate, shared by
-- every cluster node). Openfire runs this script when it installs the plugin (plugin.xml databaseKey/databaseVersion).
-- blockKey: 'sha256:<hex>' or 'issuer-serial:<hex of SHA-256(canonical issuer DN, serial)>'; blockedAt: epoch ms.

CREATE TABLE ofBoshCertBlock (
  blockKey   NVARCHAR(80)    NOT NULL,
  sha256     NVARCHAR(64),
  issuerDn   NVARCHAR(1024),
  serialHex  NVARCHAR(128),
  reason     NVARCHAR(1024),
  blockedBy  NVARCHAR(255),
  blockedAt  BIGINT         NOT NULL,
  CONSTRAINT ofBoshCertBlock_pk PRIMARY KEY (blockKey)
);

-- XEP-0257 (issue 20): certificates users registered for themselves (urn:xmpp:saslcert:1), one row per certificate:
-- a certificate (by the SHA-256 of its DER) belongs to one user, a name is unique per user. certificate: base64 DER,
-- notAfter/addedAt: epoch ms; enabled/noCertManagement: 1 or 0.
CREATE TABLE ofBoshCertRegistered (
  sha256            NVARCHAR(64)     NOT NULL,
  username          NVARCHAR(64)     NOT NULL,
  name              NVARCHAR(255)    NOT NULL,
  certificate       NVARCHAR(MAX)      NOT NULL,
  notAfter          BIGINT          NOT NULL,
  enabled           INT         NOT NULL,
  noCertManagement  INT         NOT NULL,
  addedAt           BIGINT          NOT NULL,
  CONSTRAINT ofBoshCertRegistered_pk PRIMARY KEY (sha256),
  CONSTRAINT ofBoshCertRegistered_name UNIQUE (username, name)
);

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 3);
