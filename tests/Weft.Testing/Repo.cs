using Xunit;

namespace Weft.Testing;

/// <summary>Where things are: the repository, the shared corpus beside it, and the shared build output.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding Weft.slnx).</summary>
    public static string Root => RootPath.Value;

    /// <summary>
    /// The third-party corpus, beside the repository (never inside it). WEFT_CORPUS overrides.
    /// Null when absent: conformance tests then skip and say so.
    /// </summary>
    public static string? Corpus
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("WEFT_CORPUS") ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The corpus folder, or a skip of the current test that says why.</summary>
    public static string RequireCorpus(string subPath = "")
    {
        var corpus = Corpus;
        if (corpus is null)
            Assert.Skip("the third-party corpus is not present at ../shared/corpus (set WEFT_CORPUS to point at it); this conformance test was skipped");
        var path = Path.Combine(corpus!, subPath);
        if (!Directory.Exists(path) && !File.Exists(path))
            Assert.Skip($"the corpus has no {subPath}; this conformance test was skipped");
        return path;
    }

    /// <summary>The build output tree (WEFT_ARTIFACTS, or artifacts/ in the repository).</summary>
    public static string Artifacts => Environment.GetEnvironmentVariable("WEFT_ARTIFACTS") ?? Path.Combine(Root, "artifacts");

    /// <summary>The configuration the tests were built in; binaries of the same configuration are used.</summary>
    public static string Configuration =>
#if DEBUG
        "debug";
#else
        "release";
#endif

    /// <summary>The path of a built program's dll, e.g. <c>Binary("Weft.ControlPlane", "weftd")</c>.</summary>
    public static string Binary(string project, string assembly)
    {
        var path = Path.Combine(Artifacts, "bin", project, Configuration, assembly + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{assembly} is not built at {path}; build the solution first (./test.sh does)", path);
        return path;
    }

    /// <summary>A fresh folder for one test's files, under the system temp folder; removed by the caller's Dispose.</summary>
    public static TempDir TempDir(string prefix = "weft-test") => new(prefix);

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("WEFT_REPO");
        if (env is not null && File.Exists(Path.Combine(env, "Weft.slnx")))
            return env;
        var built = typeof(Repo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "WeftRepoRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "Weft.slnx")))
            return built;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Weft.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Weft.slnx) above " + AppContext.BaseDirectory + "; set WEFT_REPO");
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var p = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, content);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
