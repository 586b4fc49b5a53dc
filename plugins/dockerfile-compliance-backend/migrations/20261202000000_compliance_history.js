/**
 * The compliance history: one snapshot per UTC day (the day is the primary key, so two
 * replicas can never both write one), with its counts per owner x status and per rule.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_snapshots', table => {
    table.comment('One compliance snapshot per UTC day');
    table.string('day', 10).primary().comment('UTC day, YYYY-MM-DD');
    table.string('taken_at', 30).notNullable().comment('ISO 8601 time the snapshot was taken');
    table.integer('services').notNullable().comment('Covered services counted');
    table.string('standard_version', 100).nullable().comment('Newest standard version among them');
  });
  await knex.schema.createTable('compliance_snapshot_owners', table => {
    table.comment('Services per owner and compliance status, per snapshot');
    table.string('day', 10).notNullable();
    table.string('owner', 512).notNullable().comment("Owner entity ref, '' for none");
    table.string('status', 16).notNullable();
    table.integer('services').notNullable();
    table.primary(['day', 'owner', 'status']);
  });
  await knex.schema.createTable('compliance_snapshot_rules', table => {
    table.comment('Services with a finding of each rule, per snapshot');
    table.string('day', 10).notNullable();
    table.string('rule', 64).notNullable();
    table.integer('services').notNullable();
    table.primary(['day', 'rule']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_snapshot_rules');
  await knex.schema.dropTable('compliance_snapshot_owners');
  await knex.schema.dropTable('compliance_snapshots');
};
