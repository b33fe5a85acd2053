-- BOSH Client Certificate Authentication: the certificate block list (one row per blocked certificate, shared by
-- every cluster node). Openfire runs this script when it installs the plugin (plugin.xml databaseKey/databaseVersion).
-- blockKey: 'sha256:<hex>' or 'issuer-serial:<hex of SHA-256(canonical issuer DN, serial)>'; blockedAt: epoch ms.
-- Firebird (dialect 3, as Openfire's own openfire_firebird.sql): VARCHAR and BIGINT as there.

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

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 1);
