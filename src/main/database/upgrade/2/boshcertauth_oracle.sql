-- BOSH Client Certificate Authentication: schema version 1 -> 2 (Openfire's SchemaManager runs this when the
-- installed plugin's plugin.xml databaseVersion is 2 and ofVersion says 1).
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

UPDATE ofVersion SET version = 2 WHERE name = 'boshcertauth';
