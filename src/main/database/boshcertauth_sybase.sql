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

INSERT INTO ofVersion (name, version) VALUES ('boshcertauth', 1);
