-- The evaluation service's own database, for a PostgreSQL container that serves several services (mounted into
-- /docker-entrypoint-initdb.d by docker-compose.yml; runs once, on an empty volume).
CREATE DATABASE second_chance_evaluation;
