using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Caseload.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffAbsences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "worker_absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: true),
                    LongTermFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Authority = table.Column<string>(type: "character varying(16)", nullable: false),
                    StaffId = table.Column<string>(type: "character varying(64)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worker_absences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_worker_absences_workers_Authority_StaffId",
                        columns: x => new { x.Authority, x.StaffId },
                        principalTable: "workers",
                        principalColumns: new[] { "Authority", "StaffId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_worker_absences_Authority_StaffId",
                table: "worker_absences",
                columns: new[] { "Authority", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "worker_absences");
        }
    }
}
