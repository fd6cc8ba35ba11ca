using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weft.Cli.Config;

/// <summary>
/// Where the control plane is and the token to reach it: ~/.weft/config, written by `weft up`,
/// overridden by WEFT_SERVER/WEFT_TOKEN and then by --server/--token.
/// </summary>
public sealed record ClientConfig
{
    public const string DefaultServer = "http://127.0.0.1:20001";

    [JsonPropertyName("server")]
    public string Server { get; init; } = DefaultServer;

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// <summary>The namespace used when neither -n nor the manifest names one.</summary>
    [JsonPropertyName("namespace")]
    public string Namespace { get; init; } = "default";

    [JsonPropertyName("dataDir")]
    public string? DataDir { get; init; }

    /// <summary>Where sidecars get their config (weftd's discovery address), when not the default https://127.0.0.1:15012 (weftd's TLS port); `weft demo` writes it.</summary>
    [JsonPropertyName("discovery")]
    public string? Discovery { get; init; }

    public static string PathIn(CliEnvironment env) => Path.Combine(env.WeftHome, "config");

    /// <summary>The effective settings: file, then environment, then flags.</summary>
    public static ClientConfig Resolve(CliEnvironment env, string? server, string? token)
    {
        var config = Load(env) ?? new ClientConfig();
        if (env.GetEnv("WEFT_SERVER") is { Length: > 0 } s)
            config = config with { Server = s };
        if (env.GetEnv("WEFT_TOKEN") is { Length: > 0 } t)
            config = config with { Token = t };
        if (server is not null)
            config = config with { Server = server };
        if (token is not null)
            config = config with { Token = token };
        return config;
    }

    public static ClientConfig? Load(CliEnvironment env)
    {
        var path = PathIn(env);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ClientConfigJson.Default.ClientConfig);
        }
        catch (JsonException ex)
        {
            throw new CliException($"cannot read the client config {path}: {ex.Message}");
        }
    }

    /// <summary>Writes the config readable by its owner only (it holds the API token).</summary>
    public void Save(CliEnvironment env)
    {
        Directory.CreateDirectory(env.WeftHome);
        File.SetUnixFileMode(env.WeftHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = PathIn(env);
        var tmp = path + ".tmp";
        using (var f = new FileStream(tmp, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(f, this, ClientConfigJson.Default.ClientConfig);
        }
        File.Move(tmp, path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientConfig))]
internal sealed partial class ClientConfigJson : JsonSerializerContext;
