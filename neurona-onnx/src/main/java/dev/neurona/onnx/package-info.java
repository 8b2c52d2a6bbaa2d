/**
 * ONNX export of {@link dev.neurona.models.Sequential} models: {@link dev.neurona.onnx.OnnxExport}
 * writes a model's layers and weights as an ONNX graph that ONNX Runtime (or any ONNX
 * consumer) runs with the same outputs as {@code predict}; {@link dev.neurona.onnx.OnnxImport}
 * reads such multi-layer perceptrons back.
 *
 * <p>Layers map to ONNX operators in {@code LayerMapper}, activations in
 * {@code ActivationMapper} (read back by {@code ActivationReader}); both write through {@code GraphBuilder}, the one place that
 * touches the generated protobuf classes ({@code dev.neurona.onnx.proto}, compiled at build
 * time from {@code src/main/protobuf/onnx/onnx.proto}). May depend on core and protobuf only.
 */
package dev.neurona.onnx;
