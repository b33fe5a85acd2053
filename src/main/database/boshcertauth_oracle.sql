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

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 1);
