using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouncilChangeNotifications : Migration
    {
        // The tables the read cache was built from when this migration was written; later ones get their own migration.
        private static readonly string[] Tables = ["sessions", "supervised_staff", "supervision_periods", "supervision_absences", "council_settings", "retention_horizons"];

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
