using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workforce.ServiceDefaults.Grpc;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class StorageFailureInterceptorTests
{
    [Fact]
    public void A_database_that_is_down_locked_or_full_is_unavailable_wherever_it_sits_in_the_chain()
    {
        Assert.Equal(StatusCode.Unavailable, StorageFailureInterceptor.Classify(new NpgsqlException("connection refused")));
        Assert.Equal(StatusCode.Unavailable, StorageFailureInterceptor.Classify(
            new InvalidOperationException("transient failure", new NpgsqlException("broken", new TimeoutException()))));
        Assert.Equal(StatusCode.Unavailable, StorageFailureInterceptor.Classify(Postgres("57P01")));
        Assert.Equal(StatusCode.Unavailable, StorageFailureInterceptor.Classify(new DbUpdateException("save", new SqliteException("database is locked", 5))));
        Assert.Equal(StatusCode.Unavailable, StorageFailureInterceptor.Classify(new SqliteException("disk full", 13)));
    }

    [Fact]
    public void A_write_that_lost_a_race_is_aborted()
    {
        Assert.Equal(StatusCode.Aborted, StorageFailureInterceptor.Classify(new DbUpdateException("save", Postgres("23505"))));
        Assert.Equal(StatusCode.Aborted, StorageFailureInterceptor.Classify(Postgres("40P01")));
        Assert.Equal(StatusCode.Aborted, StorageFailureInterceptor.Classify(new SqliteException("UNIQUE constraint failed", 19)));
    }

    [Fact]
    public void Anything_else_is_left_as_it_is()
    {
        Assert.Null(StorageFailureInterceptor.Classify(new InvalidOperationException("a bug")));
        Assert.Null(StorageFailureInterceptor.Classify(Postgres("42601")));
        Assert.Null(StorageFailureInterceptor.Classify(new SqliteException("no such table", 1)));
    }

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
