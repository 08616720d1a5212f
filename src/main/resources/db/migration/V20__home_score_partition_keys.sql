-- Each company's partition of insight.home_score owns its keys: the primary key and an index on the H3 cell are
-- the partition's, not inherited, so that a pass rewriting a whole company can drop them, COPY the rows in sorted
-- by cell (a storm's homes then share pages) and build both indexes afterwards, faster than keeping them up row by
-- row. A partition holds one company, so its key is the property id alone (half the key to sort and store). The app
-- creates both with each new partition (InsightStore.ensurePartition).
alter table insight.home_score drop constraint home_score_pkey;

do $$
declare
    p text;
begin
    for p in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
             where i.inhparent = 'insight.home_score'::regclass loop
        execute format('alter table insight.%I add constraint %I primary key (property_id)', p, p || '_pkey');
        execute format('create index %I on insight.%I (h3_r7)', p || '_cell', p);
    end loop;
end $$;
