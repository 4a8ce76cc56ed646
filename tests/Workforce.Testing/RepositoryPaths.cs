namespace Workforce.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder holding Workforce.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration the tests were built in, which built the services too.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string ServiceProjectDirectory(string service) => Path.Combine(Root, "services", service);

    public static string ServiceAssembly(string service) =>
        Path.Combine(ServiceProjectDirectory(service), "bin", Configuration, "net10.0", $"{service}.Api.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Workforce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Workforce.sln was not found above " + AppContext.BaseDirectory);
    }
}
