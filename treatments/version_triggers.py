"""The database triggers that raise the catalog's version (CatalogVersion) with every change to
a catalog table. Used by migrations: a new catalog table gets its triggers in its own.

A raised version is one never used before, even by a change that was rolled back: a process
that loaded the catalog inside a transaction rolled back afterwards must not take a later,
different change for the one it saw. PostgreSQL's sequences stand outside transactions; SQLite
(one process, the quick start) has none, so there a random step makes a repeat improbable.
"""

_POSTGRESQL_BUMP = (
    "UPDATE treatments_catalogversion SET version = nextval('treatments_catalog_version_seq') "
    "WHERE id = 1"
)
_SQLITE_BUMP = (
    "UPDATE treatments_catalogversion SET version = version + 1 + abs(random() % 1000000) "
    "WHERE id = 1"
)

_POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION treatments_bump_catalog_version() RETURNS trigger AS $$
BEGIN
    {_POSTGRESQL_BUMP};
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def postgresql_bump_function():
    """The statements that make (or remake) what every table's trigger calls on PostgreSQL: the
    sequence, moved past every version already used, and the function."""
    return [
        "CREATE SEQUENCE IF NOT EXISTS treatments_catalog_version_seq",
        "SELECT setval('treatments_catalog_version_seq', greatest("
        "(SELECT coalesce(max(version), 1) FROM treatments_catalogversion), "
        "(SELECT last_value FROM treatments_catalog_version_seq)))",
        _POSTGRESQL_FUNCTION,
    ]


def create(vendor, table):
    """The statements that make every change to `table` raise the catalog's version."""
    if vendor == "postgresql":
        return [
            *postgresql_bump_function(),
            f"CREATE TRIGGER {table}_bumps_catalog_version "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION treatments_bump_catalog_version()",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_{event.lower()}_bumps_catalog_version "
            f"AFTER {event} ON {table} BEGIN {_SQLITE_BUMP}; END"
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
