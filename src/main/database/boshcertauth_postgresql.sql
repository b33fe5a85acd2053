-- BOSH Client Certificate Authentication: the certificate block list (one row per blocked certificate, shared by
-- every cluster node). Openfire runs this script when it installs the plugin (plugin.xml databaseKey/databaseVersion).
-- blockKey: 'sha256:<hex>' or 'issuer-serial:<hex of SHA-256(canonical issuer DN, serial)>'; blockedAt: epoch ms.

CREATE TABLE ofBoshCertBlock (
  blockKey   VARCHAR(80)    NOT NULL,
  sha256     VARCHAR(64),
  issuerDn   VARCHAR(1024),
  serialHex  VARCHAR(128),
  reason     VARCHAR(1024),
  blockedBy  VARCHAR(255),
  blockedAt  BIGINT         NOT NULL,
  CONSTRAINT ofBoshCertBlock_pk PRIMARY KEY (blockKey)
);

-- Version 2: the recent login attempts of every node (ofBoshCertAttempt; per node at most the configured
-- recent-attempts count, listIndex 0 the newest; attemptAt epoch ms; values capped to the column sizes and control
-- characters escaped before they are written) and the admin page's test CA (ofBoshCertTestCa; one row named 'test-ca':
-- its PKCS#12 as base64 and the random password that protects it: whoever reads this table can use the test CA).

CREATE TABLE ofBoshCertAttempt (
  nodeName      VARCHAR(255)   NOT NULL,
  listIndex     INTEGER        NOT NULL,
  attemptAt     BIGINT         NOT NULL,
  stage         VARCHAR(32),
  remoteAddress VARCHAR(255),
  subjectDn     VARCHAR(1024),
  issuerDn      VARCHAR(1024),
  serialHex     VARCHAR(128),
  sha256        VARCHAR(64),
  mechanism     VARCHAR(64),
  jid           VARCHAR(1024),
  reason        VARCHAR(64),
  detail        VARCHAR(2048),
  origin        VARCHAR(512),
  repeats       INTEGER        NOT NULL,
  CONSTRAINT ofBoshCertAttempt_pk PRIMARY KEY (nodeName, listIndex)
);

CREATE TABLE ofBoshCertTestCa (
  caName           VARCHAR(32)    NOT NULL,
  keyStore         VARCHAR(4000) NOT NULL,
  keyStorePassword VARCHAR(1024)  NOT NULL,
  fingerprint      VARCHAR(64)    NOT NULL,
  createdAt        BIGINT         NOT NULL,
  CONSTRAINT ofBoshCertTestCa_pk PRIMARY KEY (caName)
);

-- XEP-0257 (issue 20): certificates users registered for themselves (urn:xmpp:saslcert:1), one row per certificate:
-- a certificate (by the SHA-256 of its DER) belongs to one user, a name is unique per user. certificate: base64 DER,
-- notAfter/addedAt: epoch ms; enabled/noCertManagement: 1 or 0.
CREATE TABLE ofBoshCertRegistered (
  sha256            VARCHAR(64)     NOT NULL,
  username          VARCHAR(64)     NOT NULL,
  name              VARCHAR(255)    NOT NULL,
  certificate       TEXT      NOT NULL,
  notAfter          BIGINT          NOT NULL,
  enabled           INTEGER         NOT NULL,
  noCertManagement  INTEGER         NOT NULL,
  addedAt           BIGINT          NOT NULL,
  CONSTRAINT ofBoshCertRegistered_pk PRIMARY KEY (sha256),
  CONSTRAINT ofBoshCertRegistered_name UNIQUE (username, name)
);

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 3);
