using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workforce.ServiceDefaults.Data;

/// <summary>Lets <c>dotnet ef</c> build a service's SQLite context; the real connection comes from configuration at run time.</summary>
public abstract class SqliteDesignFactory<T> : IDesignTimeDbContextFactory<T> where T : DbContext
{
    public T CreateDbContext(string[] args) =>
        (T)Activator.CreateInstance(typeof(T), new DbContextOptionsBuilder<T>().UseSqlite("Data Source=design-time.db").Options)!;
}

/// <summary>Lets <c>dotnet ef</c> build a service's PostgreSQL context without a server.</summary>
public abstract class PostgresDesignFactory<T> : IDesignTimeDbContextFactory<T> where T : DbContext
{
    public T CreateDbContext(string[] args) =>
        (T)Activator.CreateInstance(typeof(T), new DbContextOptionsBuilder<T>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options)!;
}
