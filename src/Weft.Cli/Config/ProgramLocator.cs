namespace Weft.Cli.Config;

/// <summary>
/// Finds the other Weft programs (weftd, weft-proxy): beside this one when installed into one
/// folder, or in the build tree (artifacts/bin/PROJECT/CONFIG/) when run from a checkout.
/// WEFT_WEFTD / WEFT_PROXY point at a specific dll.
/// </summary>
public static class ProgramLocator
{
    public static string Weftd(CliEnvironment env) => Find(env, "WEFT_WEFTD", "Weft.ControlPlane", "weftd");

    public static string Proxy(CliEnvironment env) => Find(env, "WEFT_PROXY", "Weft.Proxy", "weft-proxy");

    public static string Samples(CliEnvironment env) => Find(env, "WEFT_SAMPLES", "Weft.Samples", "weft-samples");

    private static string Find(CliEnvironment env, string variable, string project, string assembly)
    {
        if (env.GetEnv(variable) is { Length: > 0 } explicitPath)
            return File.Exists(explicitPath) ? explicitPath : throw new CliException($"{variable} points at {explicitPath}, which does not exist");
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var sibling = Path.Combine(here, assembly + ".dll");
        if (File.Exists(sibling))
            return sibling;
        // artifacts/bin/Weft.Cli/<pivot>/ -> artifacts/bin/<project>/<pivot>/
        var pivot = Path.GetFileName(here);
        var bin = Path.GetDirectoryName(Path.GetDirectoryName(here));
        if (bin is not null)
        {
            var built = Path.Combine(bin, project, pivot, assembly + ".dll");
            if (File.Exists(built))
                return built;
        }
        throw new CliException($"cannot find {assembly}: it is neither beside weft ({here}) nor in the build output; build the solution (./weft does) or set {variable}");
    }
}
