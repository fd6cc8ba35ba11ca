using Weft.Api.Kinds;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Cli.Commands;

/// <summary>The manifests of one file, loaded and validated; a file with any error is applied not at all.</summary>
public sealed record ManifestFile(string Path, IReadOnlyList<LoadedObject> Objects, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Reads -f arguments (files, directories, "-" for standard input) as kubectl does.</summary>
public static class ManifestInput
{
    public static IReadOnlyList<ManifestFile> Read(IReadOnlyList<string> paths, bool recursive, CliEnvironment env, bool validate = true)
    {
        if (paths.Count == 0)
            throw new CliException("must specify one of -f and -k (only -f is supported): error: no objects passed");
        foreach (var p in paths)
            if (p != "-" && !File.Exists(p) && !Directory.Exists(p))
                throw new CliException($"the path \"{p}\" does not exist", ExitCodes.BadInput);
        var files = new List<ManifestFile>();
        foreach (var file in ManifestLoader.ExpandPaths(paths, recursive))
        {
            var load = file == "-" ? ManifestLoader.Load(env.In.ReadToEnd(), "-") : ManifestLoader.LoadFile(file);
            var errors = load.Errors.ToList();
            if (validate)
                errors.AddRange(Validators.Validate(load.Objects));
            files.Add(new ManifestFile(file, load.Objects, errors));
        }
        if (files.Count == 0)
            throw new CliException($"no manifests (*.yaml, *.yml, *.json) found in {string.Join(", ", paths)}", ExitCodes.BadInput);
        return files;
    }

    /// <summary>
    /// Gives each namespaced object the namespace it will live in: its own, else -n, else the
    /// client default. As kubectl: an object naming another namespace than an explicit -n is an error.
    /// </summary>
    public static KubeObject WithNamespace(LoadedObject o, string? explicitNamespace, string defaultNamespace)
    {
        if (!o.Kind.Namespaced)
            return o.Object;
        var own = o.Object.Metadata.Namespace;
        if (!string.IsNullOrEmpty(own))
        {
            if (explicitNamespace is not null && explicitNamespace != own)
                throw new CliException($"{o.Source}: {o.Object.Origin}: the namespace from the provided object \"{own}\" does not match the namespace \"{explicitNamespace}\". You must pass '--namespace={own}' to perform this operation.");
            return o.Object;
        }
        return o.Object with { Metadata = o.Object.Metadata with { Namespace = explicitNamespace ?? defaultNamespace } };
    }

    /// <summary>kubectl's way of naming an object in messages: <c>virtualservice.networking.istio.io/reviews</c>.</summary>
    public static string DisplayName(KindInfo kind, string name) =>
        kind.Group.Length == 0 ? $"{kind.Singular}/{name}" : $"{kind.Singular}.{kind.Group}/{name}";
}
