-- BOSH Client Certificate Authentication: schema version 1 -> 2 (Openfire's SchemaManager runs this when the
-- installed plugin's plugin.xml databaseVersion is 2 and ofVersion says 1).
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

UPDATE ofVersion SET version = 2 WHERE name = 'boshcertauth';
