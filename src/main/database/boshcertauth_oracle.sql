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

-- Version 2: the recent login attempts of every node (ofBoshCertAttempt; per node at most the configured
-- recent-attempts count, listIndex 0 the newest; attemptAt epoch ms; values capped to the column sizes and control
-- characters escaped before they are written) and the admin page's test CA (ofBoshCertTestCa; one row named 'test-ca':
-- its PKCS#12 as base64 and the random password that protects it: whoever reads this table can use the test CA).

CREATE TABLE ofBoshCertAttempt (
  nodeName      VARCHAR2(255)   NOT NULL,
  listIndex     NUMBER(10)        NOT NULL,
  attemptAt     NUMBER(19)         NOT NULL,
  stage         VARCHAR2(32),
  remoteAddress VARCHAR2(255),
  subjectDn     VARCHAR2(1024),
  issuerDn      VARCHAR2(1024),
  serialHex     VARCHAR2(128),
  sha256        VARCHAR2(64),
  mechanism     VARCHAR2(64),
  jid           VARCHAR2(1024),
  reason        VARCHAR2(64),
  detail        VARCHAR2(2048),
  origin        VARCHAR2(512),
  repeats       NUMBER(10)        NOT NULL,
  CONSTRAINT ofBoshCertAttempt_pk PRIMARY KEY (nodeName, listIndex)
);

CREATE TABLE ofBoshCertTestCa (
  caName           VARCHAR2(32)    NOT NULL,
  keyStore         VARCHAR2(4000) NOT NULL,
  keyStorePassword VARCHAR2(1024)  NOT NULL,
  fingerprint      VARCHAR2(64)    NOT NULL,
  createdAt        NUMBER(19)         NOT NULL,
  CONSTRAINT ofBoshCertTestCa_pk PRIMARY KEY (caName)
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
