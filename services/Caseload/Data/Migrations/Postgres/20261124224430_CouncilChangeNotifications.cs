using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouncilChangeNotifications : Migration
    {
        // The tables the read cache was built from when this migration was written; later ones get their own migration.
        private static readonly string[] Tables = ["allocation_changes", "workers", "worker_periods", "worker_absences", "council_settings", "retention_horizons"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::Workforce.ServiceDefaults.Caching.CouncilChangeNotifications.Create(Tables));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::Workforce.ServiceDefaults.Caching.CouncilChangeNotifications.Drop(Tables));
        }
    }
}
