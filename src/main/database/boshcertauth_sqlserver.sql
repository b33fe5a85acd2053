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

-- Version 2: the recent login attempts of every node (ofBoshCertAttempt; per node at most the configured
-- recent-attempts count, listIndex 0 the newest; attemptAt epoch ms; values capped to the column sizes and control
-- characters escaped before they are written) and the admin page's test CA (ofBoshCertTestCa; one row named 'test-ca':
-- its PKCS#12 as base64 and the random password that protects it: whoever reads this table can use the test CA).

CREATE TABLE ofBoshCertAttempt (
  nodeName      NVARCHAR(255)   NOT NULL,
  listIndex     INT        NOT NULL,
  attemptAt     BIGINT         NOT NULL,
  stage         NVARCHAR(32),
  remoteAddress NVARCHAR(255),
  subjectDn     NVARCHAR(1024),
  issuerDn      NVARCHAR(1024),
  serialHex     NVARCHAR(128),
  sha256        NVARCHAR(64),
  mechanism     NVARCHAR(64),
  jid           NVARCHAR(1024),
  reason        NVARCHAR(64),
  detail        NVARCHAR(2048),
  origin        NVARCHAR(512),
  repeats       INT        NOT NULL,
  CONSTRAINT ofBoshCertAttempt_pk PRIMARY KEY (nodeName, listIndex)
);

CREATE TABLE ofBoshCertTestCa (
  caName           NVARCHAR(32)    NOT NULL,
  keyStore         NVARCHAR(4000) NOT NULL,
  keyStorePassword NVARCHAR(1024)  NOT NULL,
  fingerprint      NVARCHAR(64)    NOT NULL,
  createdAt        BIGINT         NOT NULL,
  CONSTRAINT ofBoshCertTestCa_pk PRIMARY KEY (caName)
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
