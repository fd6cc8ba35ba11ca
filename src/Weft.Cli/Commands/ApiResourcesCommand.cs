using System.CommandLine;
using Weft.Api.Kinds;
using Weft.Cli.Output;

namespace Weft.Cli.Commands;

/// <summary>`weft api-resources`: every kind Weft knows, its names, and what Weft does with it (as `kubectl api-resources`).</summary>
public static class ApiResourcesCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("api-resources", "List the kinds Weft knows, their short names, and whether Weft acts on them");
        command.SetAction(async (_, _) =>
        {
            var table = new Table(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "WEFT"]);
            foreach (var k in KindRegistry.Default.All.OrderBy(k => k.Support).ThenBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Plural, StringComparer.Ordinal))
            {
                table.Add(k.Plural, string.Join(",", k.ShortNames), k.PreferredApiVersion, k.Namespaced ? "true" : "false", k.Kind,
                    k.Support switch
                    {
                        KindSupport.Acted => "acts on it",
                        KindSupport.Validated => "validates and stores",
                        _ => "stores as written",
                    });
            }
            await env.Out.WriteAsync(table.ToString());
            await env.Out.WriteLineAsync("Kinds not listed are stored as written too.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
