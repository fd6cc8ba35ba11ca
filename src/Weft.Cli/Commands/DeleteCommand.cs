using System.CommandLine;
using Weft.Api.Kinds;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>`weft delete -f FILE|DIR|-` or `weft delete KIND NAME... [-n NS]`, as kubectl.</summary>
public static class DeleteCommand
{
    public static Command Create(CliEnvironment env)
    {
        var files = CommonOptions.Files("Files, directories or - naming the objects to delete");
        var recursive = CommonOptions.Recursive();
        var ns = CommonOptions.Namespace();
        var ignoreNotFound = new Option<bool>("--ignore-not-found") { Description = "Treat \"not found\" as success" };
        var args = new Argument<string[]>("KIND NAME") { Arity = ArgumentArity.ZeroOrMore, Description = "A kind and one or more names" };
        var command = new Command("delete", "Delete resources by file or by kind and name") { args, files, recursive, ns, ignoreNotFound };
        command.SetAction(async (r, ct) =>
        {
            using var client = CommonOptions.Client(r, env);
            var targets = new List<(KindInfo Kind, string? Namespace, string Name)>();
            var paths = r.GetValue(files) ?? [];
            var positional = r.GetValue(args) ?? [];
            var explicitNs = r.GetValue(ns);
            if (paths.Length > 0)
            {
                if (positional.Length > 0)
                    throw new CliException("give either -f or KIND NAME, not both");
                foreach (var file in ManifestInput.Read(paths, r.GetValue(recursive), env, validate: false))
                {
                    if (!file.Ok)
                        throw new CliException(string.Join("\n", file.Errors.Select(e => "error: " + e)));
                    foreach (var o in file.Objects)
                    {
                        var obj = ManifestInput.WithNamespace(o, explicitNs, client.Config.Namespace);
                        targets.Add((o.Kind, obj.Metadata.Namespace, obj.Name));
                    }
                }
            }
            else
            {
                if (positional.Length < 2)
                    throw new CliException("you must provide one or more resources by -f, or a KIND and NAME (weft delete vs reviews)");
                var kind = await KindResolver.ResolveAsync(positional[0], client, ct);
                foreach (var name in positional.Skip(1))
                    targets.Add((kind, explicitNs ?? client.Config.Namespace, name));
            }
            var failed = false;
            foreach (var (kind, targetNs, name) in targets)
            {
                try
                {
                    await client.DeleteAsync(ApiClient.ObjectPath(kind, targetNs, name), ct);
                    await env.Out.WriteLineAsync($"{ManifestInput.DisplayName(kind, name).Replace("/" + name, "", StringComparison.Ordinal)} \"{name}\" deleted");
                }
                catch (ApiException ex) when (ex.Status.Code == 404 && r.GetValue(ignoreNotFound))
                {
                }
                catch (ApiException ex)
                {
                    failed = true;
                    await env.Error.WriteLineAsync(ex.Describe());
                }
            }
            return failed ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }
}
