"""One file per migration, applied in order by ``marsad.store.migrate.upgrade``."""
