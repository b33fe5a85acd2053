-- BOSH Client Certificate Authentication: schema version 1 -> 2 (Openfire's SchemaManager runs this when the
-- installed plugin's plugin.xml databaseVersion is 2 and ofVersion says 1).
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

UPDATE ofVersion SET version = 2 WHERE name = 'boshcertauth';
