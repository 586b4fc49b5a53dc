/**
 * The reminders (hardenedGo.notifications): the last known compliance state of each covered
 * service, the reminders already sent (their dedup key is the primary key, claimed before the
 * send, so two replicas can never both send one), and when the silent baseline was taken.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_reminder_states', table => {
    table.comment('The last known compliance state of each covered service, for the reminders');
    table.string('entity_ref', 512).primary().comment('The service, as an entity ref');
    table.string('status', 16).notNullable().comment('Its compliance label when last seen');
    table.integer('episode').notNullable().comment('How many times it has become drifted (its drifted episodes)');
    table.string('drifted_since', 30).nullable().comment('ISO 8601 time its current drifted episode began; null once seen compliant');
    table.string('updated_at', 30).notNullable().comment('ISO 8601 time this row last changed');
  });
  await knex.schema.createTable('compliance_reminders_sent', table => {
    table.comment('Reminders sent (or silenced by the baseline), one row per dedup key');
    table.string('key', 255).primary().comment('The dedup key, also the notification scope');
    table.string('entity_ref', 512).nullable().comment('The service of a state reminder');
    table.string('day', 10).nullable().comment('The enforceAfter day of a deadline reminder');
    table.string('outcome', 16).notNullable().comment('sent, or baseline (silenced by the first run)');
    table.string('at', 30).notNullable().comment('ISO 8601 time it was claimed');
  });
  await knex.schema.createTable('compliance_reminder_meta', table => {
    table.comment('Facts about the reminders: the baseline');
    table.string('name', 64).primary();
    table.string('value', 100).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_reminder_meta');
  await knex.schema.dropTable('compliance_reminders_sent');
  await knex.schema.dropTable('compliance_reminder_states');
};
