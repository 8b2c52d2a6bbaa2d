/** Weight initializers (Glorot, He, LeCun, orthogonal, …), always drawn from an explicit generator. Depends on {@code tensor}. */
package dev.neurona.nn.init;
