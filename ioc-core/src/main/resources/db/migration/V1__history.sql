-- The IOC's history: every accepted event, dead letters, every alert change, KPI values, field reports and their
-- updates, operator actions. One schema for two servers: with the timescaledb extension the time series are
-- hypertables with compression, retention policies and continuous aggregates; on plain PostgreSQL (14 or newer)
-- they are range-partitioned by time with a default partition, and retention drops whole partitions
-- (ioc_maintain(), called by the writers). Both paths are below; a deployment never chooses by hand.
--
-- Idempotence: every table has the key that makes a replay after a restart write nothing new (inserts use
-- ON CONFLICT DO NOTHING, KPI values an upsert that keeps the newest). Partitioned tables need the partition
-- column in their keys; the event time of a message does not change when it is redelivered, so it is safe there.
--
-- Personal data: field reports keep no account or device id of the citizen, only account_ref, a keyed hash the
-- writer makes (the same citizen gives the same ref, so abuse can be traced with the key, which the IOC keeps
-- apart from the database).

-- Whether the timescaledb extension is installed and loaded in this database.
CREATE FUNCTION ioc_timescale() RETURNS boolean
    LANGUAGE sql STABLE
AS $$ SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') $$;

-- Try the extension where the server offers it; it needs shared_preload_libraries, so failing is not an error.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'timescaledb is available but cannot be loaded (%): plain PostgreSQL tables', SQLERRM;
        END;
    END IF;
END $$;

-- The time-series tables, how they are cut in time, and how long they are kept (null: forever).
CREATE TABLE ioc_series (
    table_name         text PRIMARY KEY,
    time_column        text     NOT NULL,
    partition_interval interval NOT NULL,
    retention          interval
);

-- Plain path: creates the missing partitions of a series for [p_from, p_to), aligned to its interval from the
-- epoch (interval in days or smaller: date_bin). A range that the default partition already holds rows of is
-- skipped with a notice, never an error: those rows stay readable in the default partition.
CREATE FUNCTION ioc_ensure_partitions(p_table text, p_from timestamptz, p_to timestamptz) RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    step    interval;
    lower   timestamptz;
    part    text;
    created integer := 0;
BEGIN
    SELECT partition_interval INTO STRICT step FROM ioc_series WHERE table_name = p_table;
    lower := date_bin(step, p_from, timestamptz '1970-01-01 00:00:00+00');
    WHILE lower < p_to LOOP
        part := p_table || '_' || to_char(lower AT TIME ZONE 'UTC', 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               part, p_table, lower, lower + step);
                created := created + 1;
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'partition % of % not created: %', part, p_table, SQLERRM;
            END;
        END IF;
        lower := lower + step;
    END LOOP;
    RETURN created;
END $$;

-- Creates a time-series table: p_columns is the column and constraint list of CREATE TABLE.
CREATE FUNCTION ioc_create_series(p_table text, p_columns text, p_time text, p_interval interval,
                                  p_retention interval) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO ioc_series VALUES (p_table, p_time, p_interval, p_retention);
    IF ioc_timescale() THEN
        EXECUTE format('CREATE TABLE %I (%s)', p_table, p_columns);
        PERFORM create_hypertable(p_table::regclass, p_time::name, chunk_time_interval => p_interval);
        IF p_retention IS NOT NULL THEN
            PERFORM add_retention_policy(p_table::regclass, p_retention);
        END IF;
    ELSE
        EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (%I)', p_table, p_columns, p_time);
        EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', p_table || '_default', p_table);
        PERFORM ioc_ensure_partitions(p_table, now() - p_interval, now() + 8 * p_interval);
    END IF;
END $$;

-- Housekeeping of the plain path, safe to call often and from several writers: partitions for the next eight
-- intervals, the partitions wholly older than the retention dropped (and such rows of the default partition). Returns what it did, for the log.
-- With timescaledb the policies do this and it returns an empty text.
CREATE FUNCTION ioc_maintain() RETURNS text
    LANGUAGE plpgsql
AS $$
DECLARE
    s       ioc_series;
    child   text;
    upper   timestamptz;
    created integer;
    done    text := '';
BEGIN
    IF ioc_timescale() THEN
        RETURN done;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('ioc_maintain'));
    FOR s IN SELECT * FROM ioc_series LOOP
        created := ioc_ensure_partitions(s.table_name, now() - s.partition_interval, now() + 8 * s.partition_interval);
        IF created > 0 THEN
            done := done || format('%s: %s partitions created; ', s.table_name, created);
        END IF;
        IF s.retention IS NOT NULL THEN
            FOR child IN
                SELECT c.relname FROM pg_inherits i
                    JOIN pg_class c ON c.oid = i.inhrelid
                    JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname = s.table_name AND c.relname ~ ('^' || s.table_name || '_[0-9]{8}$')
            LOOP
                upper := (to_timestamp(right(child, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC') + s.partition_interval;
                IF upper < now() - s.retention THEN
                    EXECUTE format('DROP TABLE %I', child);
                    done := done || format('%s dropped; ', child);
                END IF;
            END LOOP;
            -- Rows that landed outside every partition (far late events) age out of the default one too.
            EXECUTE format('DELETE FROM %I WHERE %I < %L', s.table_name || '_default', s.time_column,
                           now() - s.retention);
        END IF;
    END LOOP;
    RETURN done;
END $$;

-- Every accepted inbound event, as the codec decoded it (personal fields of reports removed). feed: cam, report,
-- port; kind: the last topic level (tlm, evt, state, new, update, ...); device: the camera, asset or report id
-- from the topic.
SELECT ioc_create_series('events', $cols$
    feed        text        NOT NULL,
    id          text        NOT NULL,
    event_time  timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    topic       text        NOT NULL,
    device      text,
    kind        text        NOT NULL,
    area        text,
    payload     jsonb       NOT NULL,
    PRIMARY KEY (feed, id, event_time)
$cols$, 'event_time', interval '1 day', interval '30 days');
CREATE INDEX events_device_time ON events (device, event_time DESC);

-- Messages that could not be used, with why. The id is a name-based UUID of the topic and the payload, so a
-- redelivered message is stored once; low volume, so one table with a BRIN index and retention by DELETE.
CREATE TABLE dead_letters (
    id               uuid PRIMARY KEY,
    received_at      timestamptz NOT NULL,
    feed             text,
    topic            text        NOT NULL,
    reason           text        NOT NULL,
    payload          text        NOT NULL,
    payload_encoding text        NOT NULL CHECK (payload_encoding IN ('utf-8', 'base64')),
    payload_bytes    integer     NOT NULL
);
CREATE INDEX dead_letters_received ON dead_letters USING brin (received_at);

-- Every change of every alert: one row per (alert_id, seq), as published on ioc/v1/alert/{domain}/{site}.
CREATE TABLE alert_changes (
    alert_id       uuid        NOT NULL,
    seq            bigint      NOT NULL,
    rule           text        NOT NULL,
    domain         text        NOT NULL,
    site           text        NOT NULL,
    area           text,
    category       text,
    sub_category   text,
    severity       text        NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
    status         text        NOT NULL CHECK (status IN ('active', 'cleared')),
    raised_at      timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    cleared_at     timestamptz,
    entity_type    text        NOT NULL,
    entity_id      text        NOT NULL,
    lat            double precision,
    lon            double precision,
    title_vi       text,
    title_en       text,
    description_vi text,
    description_en text,
    evidence       jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (alert_id, seq)
);
CREATE INDEX alert_changes_updated ON alert_changes (updated_at DESC);
CREATE INDEX alert_changes_area ON alert_changes (area, updated_at DESC);
CREATE INDEX alert_changes_site ON alert_changes (domain, site, updated_at DESC);

-- Each alert as it stands now: its change with the highest seq.
CREATE VIEW alerts_latest AS
SELECT DISTINCT ON (alert_id) *
  FROM alert_changes
 ORDER BY alert_id, seq DESC;

-- KPI values, one row per window of a KPI and scope; a window published again (a partial value, then the
-- complete one) replaces the row when it is newer: INSERT ... ON CONFLICT (kpi, scope_type, scope_id,
-- window_end) DO UPDATE ... WHERE kpi_values.updated_at <= excluded.updated_at.
SELECT ioc_create_series('kpi_values', $cols$
    kpi          text             NOT NULL,
    scope_type   text             NOT NULL,
    scope_id     text             NOT NULL,
    window_start timestamptz      NOT NULL,
    window_end   timestamptz      NOT NULL,
    value        double precision NOT NULL,
    unit         text,
    target       double precision,
    complete     boolean          NOT NULL,
    updated_at   timestamptz      NOT NULL,
    PRIMARY KEY (kpi, scope_type, scope_id, window_end)
$cols$, 'window_end', interval '7 days', interval '400 days');

-- Hourly rollups of KPI values: a continuous aggregate with timescaledb, a view computing the same otherwise.
-- Both have the same columns, so readers never need to know which server they talk to.
DO $$
BEGIN
    IF ioc_timescale() THEN
        ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_segmentby = 'feed, device',
                                timescaledb.compress_orderby = 'event_time DESC');
        PERFORM add_compression_policy('events', interval '2 days');
        ALTER TABLE kpi_values SET (timescaledb.compress,
                                    timescaledb.compress_segmentby = 'kpi, scope_type, scope_id',
                                    timescaledb.compress_orderby = 'window_end DESC');
        PERFORM add_compression_policy('kpi_values', interval '14 days');
        EXECUTE $view$
            CREATE MATERIALIZED VIEW kpi_rollup_1h WITH (timescaledb.continuous) AS
            SELECT kpi, scope_type, scope_id, time_bucket(interval '1 hour', window_end) AS bucket,
                   avg(value) AS avg_value, min(value) AS min_value, max(value) AS max_value,
                   last(value, window_end) AS last_value, count(*) AS samples
              FROM kpi_values
             GROUP BY kpi, scope_type, scope_id, bucket
            WITH NO DATA
        $view$;
        PERFORM add_continuous_aggregate_policy('kpi_rollup_1h', start_offset => interval '3 days',
                                                end_offset => interval '1 hour',
                                                schedule_interval => interval '15 minutes');
    ELSE
        CREATE VIEW kpi_rollup_1h AS
        SELECT kpi, scope_type, scope_id, date_bin(interval '1 hour', window_end, timestamptz '1970-01-01 00:00:00+00') AS bucket,
               avg(value) AS avg_value, min(value) AS min_value, max(value) AS max_value,
               (array_agg(value ORDER BY window_end DESC))[1] AS last_value, count(*) AS samples
          FROM kpi_values
         GROUP BY kpi, scope_type, scope_id, bucket;
    END IF;
END $$;

-- Field reports from HP Smart (Open311 GeoReport v2 names) and their updates. The current state of a report is
-- its latest update (report_status).
CREATE TABLE reports (
    service_request_id text PRIMARY KEY,
    service_code       text        NOT NULL,
    area               text,
    lat                double precision,
    lon                double precision,
    address            text,
    description        text,
    media_url          text,
    requested_at       timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    account_ref        text
);
CREATE INDEX reports_requested ON reports (requested_at DESC);
CREATE INDEX reports_area ON reports (area, requested_at DESC);

CREATE TABLE report_updates (
    update_id          text PRIMARY KEY,
    service_request_id text        NOT NULL,
    status             text        NOT NULL,
    agency_responsible text,
    description        text,
    updated_at         timestamptz NOT NULL,
    received_at        timestamptz NOT NULL
);
CREATE INDEX report_updates_request ON report_updates (service_request_id, updated_at);

CREATE VIEW report_status AS
SELECT r.*, u.status, u.updated_at AS status_at,
       (SELECT min(x.updated_at) FROM report_updates x
         WHERE x.service_request_id = r.service_request_id AND x.status <> 'OPEN') AS acknowledged_at
  FROM reports r
  LEFT JOIN LATERAL (SELECT status, updated_at FROM report_updates x
                      WHERE x.service_request_id = r.service_request_id
                      ORDER BY x.updated_at DESC, x.update_id DESC LIMIT 1) u ON true;

-- What operators did: acknowledged or closed an alert, commented on a report, changed the rules.
CREATE TABLE operator_actions (
    id                 uuid PRIMARY KEY,
    at                 timestamptz NOT NULL,
    operator           text        NOT NULL,
    action             text        NOT NULL,
    alert_id           uuid,
    service_request_id text,
    note               text,
    details            jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX operator_actions_at ON operator_actions (at DESC);
CREATE INDEX operator_actions_alert ON operator_actions (alert_id) WHERE alert_id IS NOT NULL;
