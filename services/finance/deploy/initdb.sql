-- The finance service's own database, for a PostgreSQL container that serves several services (mounted into
-- /docker-entrypoint-initdb.d by docker-compose.yml; runs once, on an empty volume). The role its requests take
-- for row-level security is the cluster's: created here, so the service's user need not have CREATEROLE.
CREATE DATABASE second_chance_finance;
CREATE ROLE finance_tenant NOLOGIN;
GRANT finance_tenant TO CURRENT_USER;
