-- BOSH Client Certificate Authentication: schema version 1 -> 2 (Openfire's SchemaManager runs this when the
-- installed plugin's plugin.xml databaseVersion is 2 and ofVersion says 1).
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

UPDATE ofVersion SET version = 2 WHERE name = 'boshcertauth';
