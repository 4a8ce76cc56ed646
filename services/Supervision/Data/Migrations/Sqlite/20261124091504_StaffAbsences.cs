using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LineManagerStaffId",
                table: "supervision_periods",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "supervision_absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LongTermFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Authority = table.Column<string>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", nullable: false)
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
