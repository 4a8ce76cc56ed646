using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "frozen_figures",
                columns: table => new
                {
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Figure = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frozen_figures", x => new { x.Authority, x.Figure, x.Scope, x.AsOf });
                });

            migrationBuilder.CreateTable(
                name: "retention_horizons",
                columns: table => new
                {
                    Authority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Horizon = table.Column<DateOnly>(type: "date", nullable: false),
                    Cutoff = table.Column<DateOnly>(type: "date", nullable: false),
                    PurgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LogRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReadModelRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retention_horizons", x => x.Authority);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "frozen_figures");

            migrationBuilder.DropTable(
                name: "retention_horizons");
        }
    }
}
