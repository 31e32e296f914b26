using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReplyMailboxAndChatRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reply_inbox_id",
                table: "inboxes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "routing",
                table: "chat_widgets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_chat_at",
                table: "agents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes",
                column: "reply_inbox_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "routing",
                table: "chat_widgets");

            migrationBuilder.DropColumn(
                name: "last_chat_at",
                table: "agents");
        }
    }
}
