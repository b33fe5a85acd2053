-- BOSH Client Certificate Authentication: the certificate block list (one row per blocked certificate, shared by
-- every cluster node). Openfire runs this script when it installs the plugin (plugin.xml databaseKey/databaseVersion).
-- blockKey: 'sha256:<hex>' or 'issuer-serial:<hex of SHA-256(canonical issuer DN, serial)>'; blockedAt: epoch ms.
-- Sybase: Openfire ships openfire_sybase.sql, so this plugin ships its script too (types as there: NVARCHAR, BIGINT).
-- Openfire 5.1.1's DbConnectionManager has no sybase database type, though (a Sybase server counts as "unknown"), so
-- its SchemaManager does not pick this file today; it is here so that the plugin covers every schema Openfire ships.

CREATE TABLE ofBoshCertBlock (
  blockKey   NVARCHAR(80)    NOT NULL,
  sha256     NVARCHAR(64)    NULL,
  issuerDn   NVARCHAR(1024)  NULL,
  serialHex  NVARCHAR(128)   NULL,
  reason     NVARCHAR(1024)  NULL,
  blockedBy  NVARCHAR(255)   NULL,
  blockedAt  BIGINT          NOT NULL,
  CONSTRAINT ofBoshCertBlock_pk PRIMARY KEY (blockKey)
);

-- Version 2: the recent login attempts of every node (ofBoshCertAttempt; per node at most the configured
-- recent-attempts count, listIndex 0 the newest; attemptAt epoch ms; values capped to the column sizes and control
-- characters escaped before they are written) and the admin page's test CA (ofBoshCertTestCa; one row named 'test-ca':
-- its PKCS#12 as base64 and the random password that protects it: whoever reads this table can use the test CA).

CREATE TABLE ofBoshCertAttempt (
  nodeName      NVARCHAR(255)   NOT NULL,
  listIndex     INTEGER        NOT NULL,
  attemptAt     BIGINT         NOT NULL,
  stage         NVARCHAR(32) NULL,
  remoteAddress NVARCHAR(255) NULL,
  subjectDn     NVARCHAR(1024) NULL,
  issuerDn      NVARCHAR(1024) NULL,
  serialHex     NVARCHAR(128) NULL,
  sha256        NVARCHAR(64) NULL,
  mechanism     NVARCHAR(64) NULL,
  jid           NVARCHAR(1024) NULL,
  reason        NVARCHAR(64) NULL,
  detail        NVARCHAR(2048) NULL,
  origin        NVARCHAR(512) NULL,
  repeats       INTEGER        NOT NULL,
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
  certificate       TEXT      NOT NULL,
  notAfter          BIGINT          NOT NULL,
  enabled           INTEGER         NOT NULL,
  noCertManagement  INTEGER         NOT NULL,
  addedAt           BIGINT          NOT NULL,
  CONSTRAINT ofBoshCertRegistered_pk PRIMARY KEY (sha256),
  CONSTRAINT ofBoshCertRegistered_name UNIQUE (username, name)
);

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 3);
