using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weft.Discovery.Codec;

/// <summary>
/// Durations as protobuf's JSON does (<c>"1.5s"</c>), so a config dump reads like Envoy's. Reading
/// also accepts <c>ms</c>, <c>m</c> and <c>h</c> suffixes, which people type when they edit a file.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a duration must be a string such as \"1.5s\", not {reader.TokenType}");
        var s = reader.GetString()!;
        if (TryParse(s, out var value))
            return value;
        throw new JsonException($"\"{s}\" is not a duration (expected a number followed by h, m, s or ms, e.g. \"1.5s\")");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
        => writer.WriteStringValue(Format(value));

    public static string Format(TimeSpan value)
        => value.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    public static bool TryParse(string s, out TimeSpan value)
    {
        value = default;
        var (number, unit) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 0.001)
            : s.EndsWith('s') ? (s[..^1], 1.0)
            : s.EndsWith('m') ? (s[..^1], 60.0)
            : s.EndsWith('h') ? (s[..^1], 3600.0)
            : (null, 0);
        if (number is null || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || double.IsNaN(n) || Math.Abs(n * unit) > TimeSpan.MaxValue.TotalSeconds / 2)
            return false;
        value = TimeSpan.FromSeconds(n * unit);
        return true;
    }
}
