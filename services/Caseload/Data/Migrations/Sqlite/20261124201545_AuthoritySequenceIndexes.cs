using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthoritySequenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_allocation_changes_Authority_Kind",
                table: "allocation_changes",
                columns: new[] { "Authority", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_allocation_changes_Authority_Sequence",
                table: "allocation_changes",
                columns: new[] { "Authority", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_allocation_changes_Authority_Kind",
                table: "allocation_changes");

            migrationBuilder.DropIndex(
                name: "IX_allocation_changes_Authority_Sequence",
                table: "allocation_changes");
        }
    }
}
