using System.CommandLine;
using Weft.Api.Analysis;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Validation;

namespace Weft.Cli.Commands;

/// <summary>
/// `weft analyze [-f FILE_OR_DIR...] [-o json]`: with files, offline (no control plane): schema and
/// semantic errors as IST0106, then every analyzer. Without files, the findings the control plane
/// keeps for what is stored. Exit 0 without Error-level findings, 1 with, 2 for unreadable input.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var files = CommonOptions.Files("Files or directories to analyze offline (no control plane needed)");
        var paths = new Argument<string[]>("FILE_OR_DIR") { Arity = ArgumentArity.ZeroOrMore, Description = "Same as -f" };
        var recursive = CommonOptions.Recursive();
        var output = new Option<string?>("--output", "-o") { Description = "json for machine-readable findings" };
        output.AcceptOnlyFromAmong("json", "yaml", "text");
        var ns = CommonOptions.Namespace();
        var all = CommonOptions.AllNamespaces();
        var command = new Command("analyze", "Find problems across resources (Istio's IST codes)") { paths, files, recursive, output, ns, all };
        command.SetAction(async (r, ct) =>
        {
            var inputs = (r.GetValue(files) ?? []).Concat(r.GetValue(paths) ?? []).ToList();
            IReadOnlyList<Finding> findings;
            string target;
            if (inputs.Count > 0)
            {
                (findings, var unreadable) = AnalyzeFiles(inputs, r.GetValue(recursive) || inputs.Any(Directory.Exists), env, r.GetValue(ns) ?? "default");
                if (unreadable.Count > 0)
                {
                    foreach (var u in unreadable)
                        await env.Error.WriteLineAsync("error: " + u);
                    return ExitCodes.BadInput;
                }
                target = "the given files";
            }
            else
            {
                using var client = CommonOptions.Client(r, env);
                var namespaceFilter = r.GetValue(all) ? null : r.GetValue(ns) ?? client.Config.Namespace;
                var answer = await client.GetAsync("apis/weft.io/v1/analysis" + (namespaceFilter is null ? "" : "?namespace=" + Uri.EscapeDataString(namespaceFilter)), ct);
                findings = FromServer(answer);
                target = namespaceFilter is null ? "all namespaces" : $"namespace: {namespaceFilter}";
            }
            await PrintAsync(env, findings, r.GetValue(output), target);
            return findings.Any(f => f.Level == MessageLevel.Error) ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Offline analysis of files; a file that is not readable YAML is reported apart (exit code 2).</summary>
    public static (IReadOnlyList<Finding> Findings, IReadOnlyList<string> Unreadable) AnalyzeFiles(IReadOnlyList<string> paths, bool recursive, CliEnvironment env,
        string defaultNamespace = "default")
    {
        var unreadable = new List<string>();
        var objects = new List<LoadedObject>();
        var schema = new List<Diagnostic>();
        foreach (var p in paths)
            if (p != "-" && !File.Exists(p) && !Directory.Exists(p))
                unreadable.Add($"the path \"{p}\" does not exist");
        if (unreadable.Count > 0)
            return ([], unreadable);
        foreach (var file in ManifestLoader.ExpandPaths(paths, recursive))
        {
            var load = file == "-" ? ManifestLoader.Load(env.In.ReadToEnd(), "-") : ManifestLoader.LoadFile(file);
            foreach (var e in load.Errors)
            {
                // Text that is not YAML at all cannot be analyzed; anything that parsed is a schema finding.
                if (e.Error.Path.Length == 0 && e.Origin is null)
                    unreadable.Add(e.ToString());
                else
                    schema.Add(e);
            }
            objects.AddRange(load.Objects);
            schema.AddRange(Validators.Validate(load.Objects));
        }
        // The istio ConfigMap among the files, if any, sets the mesh-wide settings the analyzers read.
        var (options, meshProblems) = MeshSettings.From(objects);
        schema.AddRange(meshProblems);
        // Objects that name no namespace are analyzed where they would be applied (-n, else default).
        return (AnalysisRunner.Run(objects.Select(o => AnalysisInput.From(o, defaultNamespace)).ToList(), schema, options), unreadable);
    }

    private static IReadOnlyList<Finding> FromServer(Node answer)
    {
        var list = new List<Finding>();
        var items = answer as SeqNode ?? (answer as MapNode)?["items"] as SeqNode;
        foreach (var f in items?.Items.OfType<MapNode>() ?? [])
        {
            var level = Enum.TryParse<MessageLevel>(f.GetString("level"), out var l) ? l : MessageLevel.Info;
            var type = new MessageType(f.GetString("code") ?? "", f.GetString("name") ?? "", level, "{0}");
            list.Add(new Finding(type, f.GetString("origin") ?? "", f.GetString("message") ?? ""));
        }
        return list;
    }

    private static async Task PrintAsync(CliEnvironment env, IReadOnlyList<Finding> findings, string? output, string target)
    {
        var ordered = findings.OrderBy(f => f.Level).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Origin, StringComparer.Ordinal).ToList();
        if (output is "json" or "yaml")
        {
            var node = new SeqNode(ordered.Select(f =>
            {
                var entries = new List<(string, Node)>
                {
                    ("code", ScalarNode.String(f.Code)),
                    ("level", ScalarNode.String(f.Level.ToString())),
                    ("origin", ScalarNode.String(f.Origin)),
                    ("message", ScalarNode.String(f.Message)),
                };
                if (f.Reference is { } reference)
                    entries.Add(("reference", ScalarNode.String(reference)));
                return (Node)MapNode.Of([.. entries]);
            }).ToList());
            await env.Out.WriteLineAsync(output == "json" ? NodeWriter.ToJson(node) : NodeWriter.ToYaml(node));
            return;
        }
        if (ordered.Count == 0)
        {
            await env.Error.WriteLineAsync($"\u2714 No validation issues found when analyzing {target}.");
            return;
        }
        foreach (var f in ordered)
            await env.Out.WriteLineAsync(f.ToString());
    }
}
