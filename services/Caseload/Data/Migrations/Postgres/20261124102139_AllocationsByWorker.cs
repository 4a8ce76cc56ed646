using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AllocationsByWorker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_allocation_changes_Authority_StaffId",
                table: "allocation_changes",
                columns: new[] { "Authority", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_allocation_changes_Authority_StaffId",
                table: "allocation_changes");
        }
    }
}
