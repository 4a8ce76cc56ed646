using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Supervision.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffAbsences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AsyeStart",
                table: "supervision_periods",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LineManagerStaffId",
                table: "supervision_periods",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "supervision_absences",
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
                    table.PrimaryKey("PK_supervision_absences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_absences_supervised_staff_Authority_StaffId",
                        columns: x => new { x.Authority, x.StaffId },
                        principalTable: "supervised_staff",
                        principalColumns: new[] { "Authority", "StaffId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_absences_Authority_StaffId",
                table: "supervision_absences",
                columns: new[] { "Authority", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_absences");

            migrationBuilder.DropColumn(
                name: "AsyeStart",
                table: "supervision_periods");

            migrationBuilder.DropColumn(
                name: "LineManagerStaffId",
                table: "supervision_periods");
        }
    }
}
