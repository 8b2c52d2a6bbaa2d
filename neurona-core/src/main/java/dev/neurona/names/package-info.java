/** Name tables for the things Keras knows by name (losses, metrics), with aliases and helpful errors. Depends on nothing. */
package dev.neurona.names;
