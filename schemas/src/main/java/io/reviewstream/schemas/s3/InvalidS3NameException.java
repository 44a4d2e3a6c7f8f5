package io.reviewstream.schemas.s3;

/** A bucket name, object key or output path that an S3 store would refuse; the message says which rule it breaks. */
public final class InvalidS3NameException extends IllegalArgumentException {

    public InvalidS3NameException(String message) {
        super(message);
    }
}
