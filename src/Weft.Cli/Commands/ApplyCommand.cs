using System.CommandLine;
using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Api.Validation;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>
/// `weft apply -f FILE|DIR|- [-R] [--dry-run=none|client|server]`: validates every document locally
/// (naming file, document, line and field), then sends each file to the control plane as one
/// atomic batch, so a file is applied whole or not at all.
/// </summary>
public static class ApplyCommand
{
    public static Command Create(CliEnvironment env)
    {
        var files = CommonOptions.Files("Files, directories or - (standard input) holding the manifests");
        var recursive = CommonOptions.Recursive();
        var ns = CommonOptions.Namespace();
        var dryRun = new Option<string>("--dry-run")
        {
            Description = "none: apply; client: validate locally only; server: the control plane validates without storing",
            DefaultValueFactory = _ => "none",
        };
        dryRun.AcceptOnlyFromAmong("none", "client", "server");
        var command = new Command("apply", "Create or update resources from manifests (files apply atomically)") { files, recursive, ns, dryRun };
        command.SetAction((r, ct) => RunAsync(env, r, r.GetValue(files) ?? [], r.GetValue(recursive), r.GetValue(ns), r.GetValue(dryRun)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, ParseResult r, string[] paths, bool recursive, string? ns, string dryRun, CancellationToken ct)
    {
        var inputs = ManifestInput.Read(paths, recursive, env);
        var config = CommonOptions.Config(r, env);
        using var client = dryRun == "client" ? null : new ApiClient(config);
        var failed = false;
        foreach (var file in inputs)
        {
            if (!file.Ok)
            {
                failed = true;
                foreach (var d in file.Errors)
                    await env.Error.WriteLineAsync("error: " + d);
                await env.Error.WriteLineAsync($"error: {file.Path}: nothing applied ({Count(file.Errors.Count, "error")})");
                continue;
            }
            if (file.Objects.Count == 0)
                continue;
            var objects = file.Objects.Select(o => ManifestInput.WithNamespace(o, ns, config.Namespace)).ToList();
            if (client is null)
            {
                for (var i = 0; i < objects.Count; i++)
                    await env.Out.WriteLineAsync($"{ManifestInput.DisplayName(file.Objects[i].Kind, objects[i].Name)} validated (dry run)");
                continue;
            }
            var list = MapNode.Of(
                ("apiVersion", ScalarNode.String("v1")),
                ("kind", ScalarNode.String("List")),
                ("items", new SeqNode(objects.Select(o => Binder.Write(o)).ToList())));
            try
            {
                var result = await client.PostAsync("apis/weft.io/v1/apply" + (dryRun == "server" ? "?dryRun=All" : ""), list, ct);
                var items = (result as MapNode)?["items"] as SeqNode;
                for (var i = 0; i < objects.Count; i++)
                {
                    var action = (items?.Items.ElementAtOrDefault(i) as MapNode)?.GetString("action") ?? "applied";
                    await env.Out.WriteLineAsync($"{ManifestInput.DisplayName(file.Objects[i].Kind, objects[i].Name)} {action}{(dryRun == "server" ? " (server dry run)" : "")}{SupportNote(file.Objects[i].Kind)}");
                }
            }
            catch (ApiException ex)
            {
                failed = true;
                await ReportAsync(env, file, ex);
            }
        }
        return failed ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>Maps the server's causes (<c>items[3].spec.hosts</c>) back to file, document and line.</summary>
    private static async Task ReportAsync(CliEnvironment env, ManifestFile file, ApiException ex)
    {
        if (ex.Status.Causes.Count == 0)
        {
            await env.Error.WriteLineAsync($"error: {file.Path}: {ex.Describe()}");
        }
        foreach (var cause in ex.Status.Causes)
        {
            var (item, field) = SplitItem(cause.Field);
            if (item is { } i && i < file.Objects.Count)
            {
                var reason = StripPath(cause.Message, cause.Field);
                var kind = reason.StartsWith("in body", StringComparison.Ordinal) ? FieldErrorKind.Schema : FieldErrorKind.Invalid;
                var located = file.Objects[i].Locate(new FieldError(field ?? "", kind, reason));
                await env.Error.WriteLineAsync($"error: {located} (from server: {ex.Status.Reason})");
            }
            else
            {
                await env.Error.WriteLineAsync($"error: {file.Path}: {ex.Status.Reason}: {cause.Message}");
            }
        }
        await env.Error.WriteLineAsync($"error: {file.Path}: nothing applied");
    }

    private static (int? Item, string? Field) SplitItem(string? field)
    {
        if (field is null || !field.StartsWith("items[", StringComparison.Ordinal))
            return (null, field);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || !int.TryParse(field.AsSpan(6, close - 6), out var index))
            return (null, field);
        var rest = field[(close + 1)..].TrimStart('.');
        return (index, rest);
    }

    // Kubernetes causes carry the reason alone; some servers repeat the path in front of it.
    private static string StripPath(string message, string? rawField)
    {
        if (rawField is { Length: > 0 })
        {
            if (message.StartsWith(rawField + ": ", StringComparison.Ordinal))
                return message[(rawField.Length + 2)..];
            if (message.StartsWith(rawField + " ", StringComparison.Ordinal))
                return message[(rawField.Length + 1)..];
        }
        return message;
    }

    /// <summary>Says so when Weft keeps an object without acting on it, so nothing looks silently ignored.</summary>
    private static string SupportNote(KindInfo kind) => kind.Support switch
    {
        KindSupport.Stored => $" (stored; Weft does not act on {kind.Kind})",
        KindSupport.Validated => $" (validated and stored; Weft does not act on {kind.Kind})",
        _ => "",
    };

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
