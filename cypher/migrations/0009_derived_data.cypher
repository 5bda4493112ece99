// Derived data (the materialised partnerships) records which definition built it, one marker per kind.
CREATE CONSTRAINT derived_name IF NOT EXISTS FOR (d:Derived) REQUIRE d.name IS UNIQUE;
