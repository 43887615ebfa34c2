package io.edgeloop.trainer.model;

/**
 * Which part of a base model to use.
 *
 * @param signature its signature key, {@code serving_default} unless told
 * @param output    the signature's output to use as features, or null for its single rank-2 float output
 * @param range     how pixels are scaled for a float image input (ignored for an encoded-string input)
 */
public record BaseModelSignature(String signature, String output, PixelRange range) {

    public static final BaseModelSignature DEFAULT = new BaseModelSignature("serving_default", null,
            PixelRange.ZERO_ONE);
}
