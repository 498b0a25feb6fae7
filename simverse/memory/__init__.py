"""simverse.memory"""
