"""The database triggers that raise the catalog's version (CatalogVersion) with every change to
a catalog table. Used by migrations: a new catalog table gets its triggers in its own."""

BUMP = "UPDATE treatments_catalogversion SET version = version + 1 WHERE id = 1"

_POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION treatments_bump_catalog_version() RETURNS trigger AS $$
BEGIN
    {BUMP};
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def create(vendor, table):
    """The statements that make every change to `table` raise the catalog's version."""
    if vendor == "postgresql":
        return [
            _POSTGRESQL_FUNCTION,
            f"CREATE TRIGGER {table}_bumps_catalog_version "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION treatments_bump_catalog_version()",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_{event.lower()}_bumps_catalog_version "
            f"AFTER {event} ON {table} BEGIN {BUMP}; END"
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"catalog version triggers for {vendor}")


def drop(vendor, table):
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_bumps_catalog_version ON {table}"]
    return [
        f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_catalog_version"
        for event in ("insert", "update", "delete")
    ]
