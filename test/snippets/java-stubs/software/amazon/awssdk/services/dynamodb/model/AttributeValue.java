package software.amazon.awssdk.services.dynamodb.model;

/** Compile stub of the AWS SDK for Java v2 AttributeValue (see README.md). */
public final class AttributeValue {
    public static AttributeValue fromS(String s) { throw new UnsupportedOperationException("compile stub"); }
    public static AttributeValue fromN(String n) { throw new UnsupportedOperationException("compile stub"); }
    public static AttributeValue fromBool(Boolean bool) { throw new UnsupportedOperationException("compile stub"); }

    public String s() { throw new UnsupportedOperationException("compile stub"); }
    public String n() { throw new UnsupportedOperationException("compile stub"); }
    public Boolean bool() { throw new UnsupportedOperationException("compile stub"); }
}
